// class-transformer keeps its decorators' metadata in one storage it does not type for
// importers (0.5.1 ships no declaration for this path); event validation reads two lookups.
declare module 'class-transformer/cjs/storage' {
  export const defaultMetadataStorage: {
    findTypeMetadata(target: unknown, property: string): unknown;
    findTransformMetadatas(target: unknown, property: string, type: number): unknown[];
  };
}
