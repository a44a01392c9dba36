export default {
  // filled in by authwire
};
