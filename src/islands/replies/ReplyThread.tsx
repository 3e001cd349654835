import type { ReplyNode } from '../../lib/reply-tree';
import { ReplyItem, type PlainThread, type ThreadHandlers } from './ReplyItem';

export type { PlainThread, ThreadHandlers } from './ReplyItem';

/**
 * The thread, as the island shows it (`live`) and as the no-JavaScript page renders it on the
 * server without hydrating (`plain`): one component, so the two views cannot drift apart.
 */
export function ReplyThread({
  tree,
  live,
  plain,
}: {
  tree: readonly ReplyNode[];
  live?: ThreadHandlers | undefined;
  plain?: PlainThread | undefined;
}) {
  return (
    <ol className="replies-thread">
      {tree.map((node) => (
        <ReplyItem key={node.reply.id} node={node} live={live} plain={plain} />
      ))}
    </ol>
  );
}
