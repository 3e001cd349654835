/** Where a submitted question stands, in the order it usually moves. */
export const QUESTION_STATES = ['received', 'shortlisted', 'answered', 'declined'] as const;
export type QuestionState = (typeof QUESTION_STATES)[number];

/** How each state reads to the visitor who asked. */
export const QUESTION_STATE_TEXT: Record<QuestionState, { label: string; explanation: string }> = {
  received: {
    label: 'Received',
    explanation: 'Your question is safely with us and waiting to be read. PurseBop reads every letter.',
  },
  shortlisted: {
    label: 'Shortlisted',
    explanation: 'PurseBop has set your question aside as a likely letter for the column.',
  },
  answered: {
    label: 'Answered',
    explanation: 'Your question has been answered in the column.',
  },
  declined: {
    label: 'Not selected',
    explanation:
      'PurseBop will not be answering this one in the column. Often that is because a similar letter has already been answered; the archive may help.',
  },
};
