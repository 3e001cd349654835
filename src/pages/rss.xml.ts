import type { APIRoute } from 'astro';
import { letterFeed } from '../catalogue/feed';
import { loadCatalogue } from '../catalogue/letters';

export const GET: APIRoute = async ({ site }) => {
  const catalogue = await loadCatalogue();
  return letterFeed({
    title: 'Dear PurseBop',
    description: 'Readers’ questions about handbags, answered.',
    site,
    letters: catalogue.letters,
    topicNames: new Map([...catalogue.topics.values()].map((topic) => [topic.id, topic.data.name])),
  });
};
