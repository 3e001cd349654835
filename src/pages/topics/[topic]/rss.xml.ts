import type { APIRoute, GetStaticPaths } from 'astro';
import { letterFeed } from '../../../catalogue/feed';
import { loadCatalogue } from '../../../catalogue/letters';
import { lettersInTopic } from '../../../catalogue/views';

export const getStaticPaths = (async () => {
  const catalogue = await loadCatalogue();
  return [...catalogue.topics.keys()].map((topic) => ({ params: { topic } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const catalogue = await loadCatalogue();
  const topic = catalogue.topics.get(params.topic ?? '');
  if (!topic) return new Response('Unknown topic', { status: 404 });
  return letterFeed({
    title: `Dear PurseBop: ${topic.data.name}`,
    description: topic.data.description,
    site,
    letters: lettersInTopic(catalogue, topic.id),
    topicNames: new Map([...catalogue.topics.values()].map((entry) => [entry.id, entry.data.name])),
  });
};
