import { ChatView } from "@/components/chat/chat-view";

export default async function ThreadPage({ params }: { params: Promise<{ threadId: string }> }) {
  const { threadId } = await params;
  return <ChatView key={threadId} threadId={threadId} />;
}
