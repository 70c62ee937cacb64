import type { Metadata } from "next";
import { AgentsPage } from "@/components/admin/agents-page";

export const metadata: Metadata = { title: "Agents" };

export default function AdminAgentsPage() {
  return <AgentsPage />;
}
