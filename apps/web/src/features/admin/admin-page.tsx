import { AuditPanel } from './components/audit-panel';
import { UsersPanel } from './components/users-panel';
import './admin.css';

/** Accounts first (a short list), then the audit trail, which pages. */
export function AdminPage() {
  return (
    <div className="page admin">
      <h1 className="page-title">Administration</h1>
      <UsersPanel />
      <AuditPanel />
    </div>
  );
}
