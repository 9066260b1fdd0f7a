import { Alert, Button, Card, Group, MultiSelect, NumberInput, Stack, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, api, errorMessage } from "../../api/client";
import type { Page, Session } from "../../api/types";
import { PageHeader } from "../../components/PageHeader";
import { DemandForm } from "./DemandForm";
import { PlanProgress } from "./PlanProgress";
import { ProposalView } from "./ProposalView";
import { type DemandLine, emptyLine, type Plan, toDemand } from "./types";

const ACTIVE = new Set(["queued", "running", "applying"]);

/** Choose demand and drafts, run the planner, watch it, review the proposal, apply it. */
export function PlannerPage() {
  const queryClient = useQueryClient();
  const [lines, setLines] = useState<DemandLine[]>(() => [emptyLine()]);
  const [draftIds, setDraftIds] = useState<string[]>([]);
  const [seed, setSeed] = useState<number | "">(1);
  const [seconds, setSeconds] = useState<number | "">(10);
  const [planId, setPlanId] = useState<string | null>(null);

  const drafts = useQuery({
    queryKey: ["sessions", "drafts"],
    queryFn: () => api.get<Page<Session>>("/sessions", { status: "draft", limit: 200 }),
  });
  const plan = useQuery({
    queryKey: ["plans", planId],
    enabled: planId !== null,
    queryFn: () => api.get<Plan>(`/plans/${planId}`),
    refetchInterval: (query) => (query.state.data && !ACTIVE.has(query.state.data.status) ? false : 400),
  });
  const create = useMutation({
    mutationFn: () =>
      api.post<Plan>("/plans", {
        demand: lines.map(toDemand),
        sessions: draftIds.map((sessionId) => ({ sessionId })),
        ...(seed !== "" && { seed }),
        ...(seconds !== "" && { timeLimitSeconds: seconds }),
      }),
    onSuccess: (created) => {
      queryClient.setQueryData(["plans", created.id], created);
      setPlanId(created.id);
    },
  });
  const cancel = useMutation({
    mutationFn: () => api.post<Plan>(`/plans/${planId}/cancel`),
    onSuccess: (updated) => queryClient.setQueryData(["plans", updated.id], updated),
  });
  const apply = useMutation({
    mutationFn: () => api.post<Plan>(`/plans/${planId}/apply`, {}),
    onSuccess: async (updated) => {
      queryClient.setQueryData(["plans", updated.id], updated);
      const written = (updated.applied ?? []).filter((a) => a.status === "created" || a.status === "updated");
      notifications.show({
        color: updated.status === "applied" ? "teal" : "orange",
        title: updated.status === "applied" ? "Plan applied" : "Plan partly applied",
        message: `${written.length} session${written.length === 1 ? "" : "s"} written`,
      });
      await queryClient.invalidateQueries({ queryKey: ["sessions"] });
    },
  });
  const createError = create.error instanceof ApiError ? create.error : null;
  const current = plan.data;

  return (
    <>
      <PageHeader
        title="Planner"
        description="Let the solver choose dates, instructors and rooms for new runs or draft sessions; existing bookings, availability, time off, qualifications and room fit are respected. Nothing is written until you apply."
      />
      <Card withBorder mb="md" component="section" aria-labelledby="demand-title">
        <Title order={2} size="h4" id="demand-title" mb="xs">
          What to plan
        </Title>
        <Stack>
          <DemandForm lines={lines} onChange={setLines} error={createError} />
          <MultiSelect
            label="Draft sessions to (re)plan"
            placeholder="None"
            searchable
            data={(drafts.data?.items ?? []).map((s) => ({
              value: s.id,
              label: `${s.title} · ${s.segments[0]?.start.slice(0, 10) ?? ""}`,
            }))}
            value={draftIds}
            onChange={setDraftIds}
            error={createError?.fieldError("sessions")}
          />
          <Group align="flex-end">
            <NumberInput
              label="Seed"
              description="Same seed, same plan"
              min={0}
              value={seed}
              onChange={(v) => setSeed(v === "" ? "" : Number(v))}
              error={createError?.fieldError("seed")}
              w={150}
            />
            <NumberInput
              label="Time limit (s)"
              min={1}
              max={300}
              value={seconds}
              onChange={(v) => setSeconds(v === "" ? "" : Number(v))}
              error={createError?.fieldError("timeLimitSeconds")}
              w={150}
            />
            <Button onClick={() => create.mutate()} loading={create.isPending}>
              Run planner
            </Button>
          </Group>
          {createError && !createError.errors.some((e) => e.path.startsWith("demand.")) && (
            <Alert color="red" role="alert">
              {createError.fieldError("demand") ?? errorMessage(createError)}
            </Alert>
          )}
        </Stack>
      </Card>
      {current && (
        <Card withBorder mb="md" component="section" aria-label="Plan run">
          <Stack>
            <PlanProgress plan={current} onCancel={() => cancel.mutate()} cancelling={cancel.isPending} />
            {current.result && <ProposalView result={current.result} applied={current.applied} />}
            {(current.status === "done" || current.status === "applied") && (
              <Group>
                <Button
                  onClick={() => apply.mutate()}
                  loading={apply.isPending}
                  disabled={current.status === "applied" || current.result?.placed === 0}
                >
                  {current.status === "applied" ? "Applied" : "Apply plan"}
                </Button>
              </Group>
            )}
            {apply.error && (
              <Alert color="red" role="alert">
                {errorMessage(apply.error)}
              </Alert>
            )}
          </Stack>
        </Card>
      )}
    </>
  );
}
