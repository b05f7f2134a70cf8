/** Where the workflow reports what it is doing; the CLI prints steps with elapsed times to stderr. */
export interface Progress {
  step(title: string): void;
  done(detail?: string): void;
  note(text: string): void;
}

export const silentProgress: Progress = { step() {}, done() {}, note() {} };
