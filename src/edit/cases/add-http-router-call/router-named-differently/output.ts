import { httpRouter } from "convex/server";
import { auth } from "./auth";

const router = httpRouter();

auth.addHttpRoutes(router);

export default router;
