import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { Me } from "../../api/types";

export const meQuery = { queryKey: ["me"], queryFn: () => api.get<Me>("/me"), staleTime: 5 * 60_000 };

export const useMe = () => useQuery(meQuery);

/** Coordinators and admins change operations data; the other roles read (instructors: their own). */
export const canWrite = (me: Me | undefined) =>
  me?.actor.role === "admin" || me?.actor.role === "coordinator";
export const isInstructor = (me: Me | undefined) => me?.actor.role === "instructor";
