import { test as base, expect } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";
import { SignUpPage } from "./pages/sign-up-page";

export interface TestUser {
  email: string;
  password: string;
  name: string;
}

let counter = 0;
export function newUser(): TestUser {
  counter += 1;
  const id = `${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 6)}`;
  return { email: `e2e-${id}@example.test`, password: `pw-${id}-secret`, name: `E2E ${id}` };
}

/** `chat`: a fresh account, signed up through the UI, on the new-conversation page. */
export const test = base.extend<{ user: TestUser; chat: ChatPage }>({
  user: async ({}, use) => {
    await use(newUser());
  },
  chat: async ({ page, user }, use) => {
    const signUp = new SignUpPage(page);
    await signUp.goto();
    await signUp.signUp(user);
    const chat = new ChatPage(page);
    await chat.expectReady();
    await use(chat);
  },
});

export { expect };
