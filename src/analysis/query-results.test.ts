import { describe, expect, it } from "vitest";
import { analyze } from "./fixture.test-helper.ts";

/** The first query call of a component whose body is `body` (the result bound as `plot`). */
async function queryOf(body: string, hook = `const plot = useQuery(api.garden.plot, {});`) {
  const facts = await analyze({
    "src/Plot.tsx": `import { useEffect } from "react";\nimport { useQuery } from "convex/react";\nimport { api } from "../convex/_generated/api";\nexport function Plot({ flag }: { flag: boolean }) {\n  ${hook}\n  ${body}\n}\n`,
  });
  const query = facts.client.files.get("src/Plot.tsx")?.queries[0];
  if (!query) throw new Error("no query call");
  return query;
}

describe("query results: the values a component renders like the loading state", () => {
  it("names the function through the generated api", async () => {
    const query = await queryOf(`return null;`);
    expect([query.hook, query.ref, query.line]).toEqual(["useQuery", ["garden", "plot"], 5]);
  });

  it.each([
    { title: "an unused result: every value", body: `return null;`, alike: ["null", "false", "0", '""', "[]"] },
    { title: "optional reads: null", body: `return <p>{plot?.name}</p>;`, alike: ["null"] },
    {
      title: "a fallback: the values it replaces, and the one equal to it",
      body: `return <p>{plot ?? 0}</p>;`,
      alike: ["null", "0"],
    },
    {
      title: "a skeleton for undefined and null alike: null",
      body: `return plot === undefined || plot === null ? <i /> : <List rows={plot} />;`,
      alike: ["null"],
    },
    {
      title: "`&&` in JSX children renders nothing for null, false and the empty string (but 0 for 0)",
      body: `return <div>{plot && <Menu />}</div>;`,
      alike: ["null", "false", '""'],
    },
    {
      title: "an early return on a falsy result: every falsy value",
      body: `if (!plot) return <Spinner />;\n  return <List rows={plot} />;`,
      alike: ["null", "false", "0", '""'],
    },
    {
      title: "an empty list's methods and length: null and []",
      body: `const ripe = plot?.filter((p) => p.ripe).length ?? 0;\n  return <b>{ripe}</b>;`,
      alike: ["null", "[]"],
    },
    {
      title: "a constant computed from the result guards what follows",
      body: `const mine = plot?.owner === "me";\n  if (!mine) return <p>Not yours</p>;\n  return <Editor plot={plot} />;`,
      alike: ["null"],
    },
    {
      title: "a type position is no read",
      body: `const rows: NonNullable<typeof plot> = [];\n  return <p>{plot?.name}{rows.length}</p>;`,
      alike: ["null"],
    },
    {
      title: "near miss: compared with undefined alone",
      body: `return plot === undefined ? <i /> : <b />;`,
      alike: [],
    },
    { title: "near miss: handed to another component", body: `return <List rows={plot} />;`, alike: [] },
    {
      title: "near miss: an effect that acts on null (the other values it can't tell apart)",
      body: `useEffect(() => { if (plot === null) create(); }, [plot]);\n  return null;`,
      alike: ["false", "0", '""', "[]"],
    },
    {
      title: "near miss: the name bound again inside",
      body: `const go = (plot: number) => plot;\n  return go(1);`,
      alike: [],
    },
  ])("$title", async ({ body, alike }) => {
    expect((await queryOf(body)).loadingAlike).toEqual(alike);
  });

  it.each([
    { title: "not bound to a name of its own", hook: `const { rows } = useQuery(api.garden.plot, {}) ?? {};` },
    {
      title: "the hook returns more than the result",
      hook: `const plot = usePaginatedQuery(api.garden.plot, {}, { initialNumItems: 5 });`,
    },
  ])("near miss: nothing is known when $title", async ({ hook }) => {
    expect((await queryOf(`return <p>{plot?.name}</p>;`, hook)).loadingAlike).toEqual([]);
  });
});
