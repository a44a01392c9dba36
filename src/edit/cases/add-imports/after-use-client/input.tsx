"use client";

export function ConvexClientProvider({ children }: { children: React.ReactNode }) {
  return children;
}
