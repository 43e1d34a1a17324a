/** A file that cannot be read as an evaluation file, with what to do: the CLI exits 2 on it, the editor says it. */
export class DatasetError extends Error {}
