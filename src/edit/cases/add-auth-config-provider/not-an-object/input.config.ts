import { makeConfig } from "./config";

export default makeConfig();
