import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { CatalogSession } from "../../api/types";

export const catalogQuery = (tenant: string) => ({
  queryKey: ["public-catalog", tenant],
  queryFn: () => api.get<{ items: CatalogSession[] }>(`/public/${encodeURIComponent(tenant)}/sessions`),
  staleTime: 30_000,
});

export const useCatalog = (tenant: string) => useQuery(catalogQuery(tenant));

export const formatPrice = (session: Pick<CatalogSession, "priceMinor" | "currency">) =>
  session.priceMinor === null
    ? "Price on request"
    : new Intl.NumberFormat(undefined, { style: "currency", currency: session.currency }).format(
        session.priceMinor / 100,
      );

export const formatLabels: Record<string, string> = {
  ilt: "In person",
  vilt: "Online",
  hybrid: "Hybrid",
  elearning: "E-learning",
};
