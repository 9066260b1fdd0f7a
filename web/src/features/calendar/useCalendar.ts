import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { CalendarItem } from "../../api/types";

export const calendarQuery = (from: Date, to: Date, filter: { instructor?: string } = {}) => ({
  queryKey: ["calendar", from.toISOString(), to.toISOString(), filter],
  queryFn: () =>
    api.get<{ items: CalendarItem[] }>("/calendar", {
      from: from.toISOString(),
      to: to.toISOString(),
      ...filter,
    }),
});

export const useCalendar = (from: Date, to: Date, filter: { instructor?: string } = {}) =>
  useQuery(calendarQuery(from, to, filter));
