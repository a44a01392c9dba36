import { useAuth } from "@auth0/auth0-react";

export const x = useAuth;
