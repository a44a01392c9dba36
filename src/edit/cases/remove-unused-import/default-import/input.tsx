import ConvexClientProvider from "@/components/ConvexClientProvider";
import { ConvexAuthNextjsServerProvider } from "../../convex-auth";
import { ReactNode } from "react";

export default function ProductLayout({ children }: { children: ReactNode }) {
  return <ConvexAuthNextjsServerProvider>{children}</ConvexAuthNextjsServerProvider>;
}
