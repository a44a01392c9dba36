import schema from "./other";
export default schema;
