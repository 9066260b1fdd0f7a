import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, api, errorMessage } from "../../api/client";
import { nameIndex, useClients, useInstructors } from "../../api/reference";
import type { User, UserPatch } from "../../api/types";
import { PageHeader } from "../../components/PageHeader";

const staffRoles = ["admin", "coordinator", "finance", "instructor", "viewer", "client_contact"] as const;
type StaffRole = (typeof staffRoles)[number];
const roleLabels: Record<string, string> = {
  admin: "Admin",
  coordinator: "Coordinator",
  finance: "Finance",
  instructor: "Instructor",
  viewer: "Viewer",
  client_contact: "Client contact",
  learner: "Learner",
};
const roleOptions = staffRoles.map((value) => ({ value, label: roleLabels[value]! }));

/** The instructor or client a role binds, as pickers; shown only for the roles that need one. */
function Binding({
  role,
  instructorId,
  clientId,
  onInstructor,
  onClient,
  error,
}: {
  role: string;
  instructorId: string | null;
  clientId: string | null;
  onInstructor: (id: string | null) => void;
  onClient: (id: string | null) => void;
  error: ApiError | null;
}) {
  const instructors = useInstructors();
  const clients = useClients();
  if (role === "instructor")
    return (
      <Select
        label="Instructor"
        required
        searchable
        data={(instructors.data ?? []).map((i) => ({ value: i.id, label: i.name }))}
        value={instructorId}
        onChange={onInstructor}
        error={error?.fieldError("instructorId")}
      />
    );
  if (role === "client_contact")
    return (
      <Select
        label="Client"
        required
        searchable
        data={(clients.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        value={clientId}
        onChange={onClient}
        error={error?.fieldError("clientId")}
      />
    );
  return null;
}

function UserForm({ user, onDone }: { user: User | null; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState(user?.email ?? "");
  const [name, setName] = useState(user?.name ?? "");
  const [role, setRole] = useState<string>(user?.role ?? "coordinator");
  const [password, setPassword] = useState("");
  const [instructorId, setInstructorId] = useState<string | null>(user?.instructorId ?? null);
  const [clientId, setClientId] = useState<string | null>(user?.clientId ?? null);
  const save = useMutation({
    mutationFn: () => {
      const binding = {
        instructorId: role === "instructor" ? instructorId : null,
        clientId: role === "client_contact" ? clientId : null,
      };
      return user
        ? api.patch<User>(`/users/${user.id}`, {
            name,
            role: role as StaffRole,
            ...binding,
          } satisfies UserPatch)
        : api.post<User>("/users", { email, name, role, password, ...binding });
    },
    onSuccess: async () => {
      notifications.show({ color: "teal", message: user ? "User saved" : "User added" });
      await queryClient.invalidateQueries({ queryKey: ["users"] });
      onDone();
    },
  });
  const error = save.error instanceof ApiError ? save.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        {!user && (
          <TextInput
            label="E-mail"
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={error?.fieldError("email")}
          />
        )}
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={error?.fieldError("name")}
        />
        {user?.role === "learner" ? (
          <Text size="sm">Learner accounts keep their role.</Text>
        ) : (
          <Select
            label="Role"
            required
            allowDeselect={false}
            data={roleOptions}
            value={role}
            onChange={(value) => value && setRole(value)}
            error={error?.fieldError("role")}
          />
        )}
        <Binding
          role={role}
          instructorId={instructorId}
          clientId={clientId}
          onInstructor={setInstructorId}
          onClient={setClientId}
          error={error}
        />
        {!user && (
          <PasswordInput
            label="Initial password"
            description="At least 10 characters; tell it to the person, who signs in with it"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={error?.fieldError("password")}
          />
        )}
        {save.error && !error?.errors.length && (
          <Alert color="red" role="alert">
            {errorMessage(save.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Close
          </Button>
          <Button type="submit" loading={save.isPending}>
            {user ? "Save" : "Add user"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Admins: who signs in, with which role; add, change and deactivate people. */
export function UsersPage() {
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ["users"], queryFn: () => api.get<{ items: User[] }>("/users") });
  const instructors = useInstructors();
  const clients = useClients();
  const instructorNames = nameIndex(instructors.data, (i) => i.name);
  const clientNames = nameIndex(clients.data, (c) => c.name);
  const [editing, setEditing] = useState<User | "new" | null>(null);
  const toggle = useMutation({
    mutationFn: (user: User) => api.patch<User>(`/users/${user.id}`, { disabled: user.disabledAt === null }),
    onSuccess: async (user) => {
      notifications.show({
        message: user.disabledAt ? `${user.name} is deactivated` : `${user.name} is active again`,
      });
      await queryClient.invalidateQueries({ queryKey: ["users"] });
    },
    onError: (error) => notifications.show({ color: "red", message: errorMessage(error) }),
  });
  const bound = (user: User) =>
    user.instructorId
      ? (instructorNames.get(user.instructorId) ?? "instructor")
      : user.clientId
        ? (clientNames.get(user.clientId) ?? "client")
        : user.learnerId
          ? "own enrollments"
          : "";
  return (
    <>
      <PageHeader
        title="Users"
        description="People who sign in to Lectern"
        actions={<Button onClick={() => setEditing("new")}>Add user</Button>}
      />
      {users.error && (
        <Alert color="red" role="alert">
          {errorMessage(users.error)}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={700}>
        <Table striped data-testid="users">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>E-mail</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>For</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(users.data?.items ?? []).map((user) => (
              <Table.Tr key={user.id}>
                <Table.Td>{user.name}</Table.Td>
                <Table.Td>{user.email}</Table.Td>
                <Table.Td>{roleLabels[user.role] ?? user.role}</Table.Td>
                <Table.Td>{bound(user)}</Table.Td>
                <Table.Td>
                  <Badge color={user.disabledAt ? "gray" : "teal"} variant="light" tt="none">
                    {user.disabledAt ? "deactivated" : "active"}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => setEditing(user)}
                      aria-label={`Edit ${user.name}`}
                    >
                      Edit
                    </Button>
                    <Button
                      size="xs"
                      variant="light"
                      color={user.disabledAt ? "teal" : "red"}
                      loading={toggle.isPending && toggle.variables?.id === user.id}
                      onClick={() => toggle.mutate(user)}
                      aria-label={`${user.disabledAt ? "Reactivate" : "Deactivate"} ${user.name}`}
                    >
                      {user.disabledAt ? "Reactivate" : "Deactivate"}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === "new" ? "Add a user" : "Edit user"}
      >
        {editing !== null && (
          <UserForm
            key={editing === "new" ? "new" : editing.id}
            user={editing === "new" ? null : editing}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
    </>
  );
}
