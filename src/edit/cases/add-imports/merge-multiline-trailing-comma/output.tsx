import {
  Authenticated,
  useQuery,
  Unauthenticated,
} from "convex/react";
import { api } from "../convex/_generated/api";

export default function App() {
  const tasks = useQuery(api.tasks.list);
  return <Authenticated>{tasks?.length}</Authenticated>;
}
