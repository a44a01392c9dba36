import Providers, { useTheme } from "./providers";

export default function Layout() {
  const theme = useTheme();
  return <main className={theme} />;
}
