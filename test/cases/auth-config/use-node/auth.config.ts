"use node";
export default { providers: [] };
