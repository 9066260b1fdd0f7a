import { useQuery } from "@tanstack/react-query";
import { api } from "./client";
import type { Client, Course, Equipment, Instructor, Location, Page, Room, VirtualPlatform } from "./types";

/** Every active row of a reference list (the pickers need them all; lists are small). */
async function all<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await api.get<Page<T>>(path, { limit: 500, cursor: cursor ?? undefined });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < 5000);
  return items;
}

const reference = <T>(path: string) => ({
  queryKey: ["reference", path],
  queryFn: () => all<T>(path),
  staleTime: 60_000,
});

export const useCourses = () => useQuery(reference<Course>("/courses"));
export const useInstructors = () => useQuery(reference<Instructor>("/instructors"));
export const useRooms = () => useQuery(reference<Room>("/rooms"));
export const useLocations = () => useQuery(reference<Location>("/locations"));
export const useEquipment = () => useQuery(reference<Equipment>("/equipment"));
export const usePlatforms = () => useQuery(reference<VirtualPlatform>("/virtual-platforms"));
export const useClients = () => useQuery(reference<Client>("/clients"));

/** id → name, for showing references. */
export function nameIndex<T extends { id: string }>(items: T[] | undefined, name: (item: T) => string) {
  return new Map((items ?? []).map((item) => [item.id, name(item)]));
}
