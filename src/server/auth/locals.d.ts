import type { DeskSession } from './sessions';

declare global {
  namespace App {
    interface Locals {
      /** The signed-in editor's session on /desk pages; undefined when signed out. */
      desk?: DeskSession | undefined;
    }
  }
}
