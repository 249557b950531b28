/** The server's storage: one SQLite database and the stores over it. */
import { openDb, type Db } from "./db.ts";
import { ClassroomStore } from "./classrooms.ts";
import { ResultStore } from "./results.ts";
import { AssignmentStore } from "./assignments.ts";
import { JournalStore } from "./journal.ts";
import { RunTicketStore } from "./runTickets.ts";

export interface Storage {
  readonly db: Db;
  readonly classrooms: ClassroomStore;
  readonly results: ResultStore;
  readonly assignments: AssignmentStore;
  readonly journal: JournalStore;
  readonly runTickets: RunTicketStore;
  close(): void;
}

export function openStorage(dataDir: string): Storage {
  const db = openDb(dataDir);
  return {
    db,
    classrooms: new ClassroomStore(db),
    results: new ResultStore(db),
    assignments: new AssignmentStore(db),
    journal: new JournalStore(db),
    runTickets: new RunTicketStore(db),
    close: () => db.close(),
  };
}
