import { createRootRouteWithContext } from '@tanstack/react-router'
import { createServerFn } from '@tanstack/react-start'
import { auth } from '@clerk/tanstack-react-start/server'

const fetchAuth = createServerFn({ method: 'GET' }).handler(async () => {
    const { userId, getToken } = await auth()
    return { userId, token: await getToken() }
})

export const Route = createRootRouteWithContext<{ token?: string }>()({
    component: RootComponent,
})
