import { createRootRouteWithContext } from '@tanstack/react-router'

export const Route = createRootRouteWithContext<{ token?: string }>()({
    component: RootComponent,
})
