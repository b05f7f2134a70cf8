// picomatch ships no types and @types/picomatch is not installed; this covers the one call core/approve makes.
declare module 'picomatch' {
  interface PicomatchOptions {
    dot?: boolean;
    nocase?: boolean;
  }
  function picomatch(glob: string | string[], options?: PicomatchOptions): (path: string) => boolean;
  export = picomatch;
}
