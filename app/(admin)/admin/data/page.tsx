import type { Metadata } from "next";
import { DataPage } from "@/components/data/data-page";

export const metadata: Metadata = { title: "Data" };

export default function AdminDataPage() {
  return <DataPage />;
}
