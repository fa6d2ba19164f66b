import { ImportView } from './components/import-view';

export function ImportPage() {
  return (
    <div className="page">
      <h1 className="page-title">Import a weekly return</h1>
      <ImportView />
    </div>
  );
}
