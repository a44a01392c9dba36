import { tanstackStart } from '@tanstack/react-start/plugin/vite'
import { defineConfig } from 'vite'

const config = defineConfig({
	plugins: [tanstackStart()],
	ssr: {
		target: 'node',
		noExternal: ['@convex-dev/better-auth'],
	},
})

export default config
