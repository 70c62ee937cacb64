import type { Metadata } from "next";
import { ApiTokensSettings } from "@/components/settings/api-tokens-settings";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  return <ApiTokensSettings />;
}
