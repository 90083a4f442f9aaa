/** The shape of one source the catalog cites, and of a citation. */

export interface SourceDef {
  /** The project (QEMU, libvirt, Linux), or who wrote it (user reports, a blog post). */
  project: string;
  /** The file in the project's repository; null for pages, commits and threads. */
  path: string | null;
  /** The function, table or option the facts come from. */
  symbol?: string;
  /** The commit (short hash), release tag or edition that was read; null for this repository's files. */
  ref: string | null;
  /** Where a user opens it; null for this repository's files (the path is relative to the repository). */
  url: string | null;
  title: string;
  /** Which facts come from it. */
  what: string;
  /** Further URLs of the same source (more threads of the same report, a rendered copy). */
  also?: readonly string[];
}
