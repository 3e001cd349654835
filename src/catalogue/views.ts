import { countByTopic } from '../lib/archive';
import type { Catalogue, Letter } from './letters';

/** Letters per topic id, for topic lists. */
export function topicCounts(letters: Letter[]): Map<string, number> {
  return countByTopic(letters.map((letter) => ({ topics: letter.data.topics.map((topic) => topic.id) })));
}

/** Published letters filed under one topic, newest first. */
export function lettersInTopic(catalogue: Catalogue, topicId: string): Letter[] {
  return catalogue.letters.filter((letter) => letter.data.topics.some((topic) => topic.id === topicId));
}

/** Topics sorted by name for navigation. */
export function sortedTopics(catalogue: Catalogue) {
  return [...catalogue.topics.values()].sort((a, b) => a.data.name.localeCompare(b.data.name));
}
