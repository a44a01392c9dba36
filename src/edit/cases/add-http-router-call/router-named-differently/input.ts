import { httpRouter } from "convex/server";

const router = httpRouter();

export default router;
