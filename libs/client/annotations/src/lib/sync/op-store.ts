import type { AnnotationDto } from '@phonghop/contracts';
import type { QueuedOp } from '../model/op-queue';

/**
 * Where a person's queue of annotation ops and the last known annotations of each document version are kept on
 * the device: IndexedDB, one database per user (`phonghop-annotations.<userId>`), so a reload, a closed tab or
 * a long offline period loses nothing; in memory where IndexedDB is missing or refused (private windows).
 */
export interface OpStore {
  /** Every queued op (any order; the caller sorts by `seq`). */
  load(): Promise<QueuedOp[]>;
  put(entries: readonly QueuedOp[]): Promise<void>;
  remove(opIds: readonly string[]): Promise<void>;
  readList(documentId: string, version: number): Promise<AnnotationDto[] | null>;
  writeList(documentId: string, version: number, items: readonly AnnotationDto[]): Promise<void>;
  close(): void;
}

const DB_VERSION = 1;
const OPS = 'ops';
const LISTS = 'lists';

export function databaseName(userId: string): string {
  return `phonghop-annotations.${userId}`;
}

const listKey = (documentId: string, version: number) => `${documentId}:${version}`;

export async function openOpStore(userId: string): Promise<OpStore> {
  if (typeof indexedDB === 'undefined') return memoryOpStore();
  try {
    return new IdbOpStore(await openDb(databaseName(userId)));
  } catch {
    return memoryOpStore();
  }
}

function openDb(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      // Keyed by op id: an op stored twice (two tabs, a retry) is still one op.
      if (!db.objectStoreNames.contains(OPS)) db.createObjectStore(OPS, { keyPath: 'op.opId' });
      if (!db.objectStoreNames.contains(LISTS)) db.createObjectStore(LISTS, { keyPath: 'key' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new Error('IndexedDB blocked'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

function result<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

class IdbOpStore implements OpStore {
  constructor(private readonly db: IDBDatabase) {}

  async load(): Promise<QueuedOp[]> {
    return (await result(this.db.transaction(OPS, 'readonly').objectStore(OPS).getAll())) as QueuedOp[];
  }

  async put(entries: readonly QueuedOp[]): Promise<void> {
    if (!entries.length) return;
    const tx = this.db.transaction(OPS, 'readwrite');
    for (const e of entries) tx.objectStore(OPS).put(e);
    await done(tx);
  }

  async remove(opIds: readonly string[]): Promise<void> {
    if (!opIds.length) return;
    const tx = this.db.transaction(OPS, 'readwrite');
    for (const id of opIds) tx.objectStore(OPS).delete(id);
    await done(tx);
  }

  async readList(documentId: string, version: number): Promise<AnnotationDto[] | null> {
    const row = (await result(this.db.transaction(LISTS, 'readonly').objectStore(LISTS).get(listKey(documentId, version)))) as { items: AnnotationDto[] } | undefined;
    return row?.items ?? null;
  }

  async writeList(documentId: string, version: number, items: readonly AnnotationDto[]): Promise<void> {
    const tx = this.db.transaction(LISTS, 'readwrite');
    tx.objectStore(LISTS).put({ key: listKey(documentId, version), items, savedAt: new Date().toISOString() });
    await done(tx);
  }

  close(): void {
    this.db.close();
  }
}

export function memoryOpStore(): OpStore {
  const ops = new Map<string, QueuedOp>();
  const lists = new Map<string, AnnotationDto[]>();
  return {
    load: async () => [...ops.values()],
    put: async (entries) => void entries.forEach((e) => ops.set(e.op.opId, e)),
    remove: async (ids) => void ids.forEach((id) => ops.delete(id)),
    readList: async (documentId, version) => lists.get(listKey(documentId, version)) ?? null,
    writeList: async (documentId, version, items) => void lists.set(listKey(documentId, version), [...items]),
    close: () => undefined,
  };
}
