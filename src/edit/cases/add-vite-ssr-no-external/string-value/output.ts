export default {
  ssr: { noExternal: ["@some/ui", "@convex-dev/better-auth"] },
};
