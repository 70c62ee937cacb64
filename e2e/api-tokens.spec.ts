import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../server/api/root";
import { expect, test } from "./fixtures";
import { SettingsPage } from "./pages/settings-page";

function apiClient(baseURL: string, token: string) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${baseURL}/api/trpc`, transformer: superjson, headers: { authorization: `Bearer ${token}` } })],
  });
}

test("an API token works from a script until it is revoked", async ({ chat, page, baseURL }) => {
  const settings = new SettingsPage(page);
  await settings.goto();
  await expect(page.getByTestId("tokens-empty")).toBeVisible();
  const token = await settings.createToken("e2e script");
  await expect(page.getByTestId("token-created")).toContainText("will not be shown again");
  await expect(settings.row("e2e script").getByTestId("token-status")).toHaveText("Active");
  await expect(page.getByTestId("snippet-curl")).toContainText("Authorization: Bearer");

  const api = apiClient(baseURL!, token);
  const before = await api.thread.list.query({ limit: 10 });
  expect(before.items).toHaveLength(0);

  const sent = await api.message.send.mutate({
    text: "Sent by a script: what is our monthly RDS spend?",
    clientMessageId: crypto.randomUUID(),
  });
  expect(sent.created).toBe(true);
  const after = await api.thread.list.query({ limit: 10 });
  expect(after.items.map((t) => t.id)).toContain(sent.threadId);

  // The browser sees the script's thread (live through thread.onChange) and its message.
  await page.goto("/");
  await expect(chat.historyItem(sent.threadId)).toContainText("Sent by a script");
  await chat.historyItem(sent.threadId).getByTestId("thread-link").click();
  await expect(chat.userMessage("what is our monthly RDS spend?")).toHaveCount(1);

  await settings.goto();
  await expect(settings.row("e2e script").getByTestId("token-last-used")).not.toHaveText("Never");
  await settings.revoke("e2e script");

  const refused = await api.thread.list.query({ limit: 10 }).then(
    () => null,
    (error: unknown) => error,
  );
  expect(refused).toBeInstanceOf(TRPCClientError);
  expect((refused as TRPCClientError<AppRouter>).data?.code).toBe("UNAUTHORIZED");
  expect((refused as Error).message).toMatch(/revoked/);
});
