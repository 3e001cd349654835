// Each resource's actions live in their own module; this file only groups them.
import { desk } from './desk';
import { notify } from './notify';
import { questions } from './questions';
import { replies } from './replies';

export const server = { replies, questions, notify, desk };
