import type { Metadata } from "next";
import { Suspense } from "react";
import { RecommendationsPage } from "@/components/recommendations/recommendations-page";

export const metadata: Metadata = { title: "Recommendations" };

export default function AdminRecommendationsPage() {
  // The filters live in the query string (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense fallback={null}>
      <RecommendationsPage />
    </Suspense>
  );
}
