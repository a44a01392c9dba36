export default {
  ssr: { noExternal: "@some/ui" },
};
