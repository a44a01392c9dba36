import { defineSchema, defineTable } from 'convex/server';
import { authTables } from '@convex-dev/auth/server';
import { v } from 'convex/values';

export default defineSchema({
    ...authTables,
    memberships: defineTable({
        userId: v.id('users'),
        role: v.string(),
    }).index('by_user', ['userId']),
});
