import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { authOptions } from "@/server/auth/auth-options";

export const dynamic = "force-dynamic";

/** Sign-in and sign-up: a centred card; people who are already signed in go straight to the chat. */
export default async function AuthLayout({ children }: { children: ReactNode }) {
  const session = await getServerSession(authOptions);
  if (session?.user) redirect("/");
  return (
    <main className="auth-page">
      <div className="auth-card">
        <div className="brand brand--large">
          <span className="brand__mark" aria-hidden="true" />
          FinOps Agent Chat
        </div>
        {children}
      </div>
    </main>
  );
}
