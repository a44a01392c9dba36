import { useQuery } from "convex/react";
import { api } from "../convex/_generated/api";

export default function App() {
  const tasks = useQuery(api.tasks.list);
  return (
    <main>
      <h1>Tasks</h1>
      <ul>
        {tasks?.map(({ _id, text }) => (
          <li key={_id}>{text}</li>
        ))}
      </ul>
    </main>
  );
}
