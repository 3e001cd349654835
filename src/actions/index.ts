// Each resource's actions live in their own module; this file only groups them.
export const server = {};
