/** The library-wide section: export everything, import a file, delete everything, storage state. */
import type { ComponentProps } from 'preact';
import { ExportButtons } from '@/components/ExportButtons';
import { plural } from './actions';
import { ForgetSeen } from './ForgetSeen';
import { ImportPanel } from './ImportPanel';
import { RecommendSettings } from './RecommendSettings';
import { StorageStatus } from './StorageStatus';
import { WipeLibrary } from './WipeLibrary';

export function LibraryActions({
  total,
  library,
  onWiped,
}: {
  total: number;
  /** The loaded library, exported as is (no second copy from the background). */
  library: ComponentProps<typeof ExportButtons>['library'];
  onWiped: (message: string) => void;
}) {
  return (
    <>
    <RecommendSettings total={total} />
    <section class="ps-library" aria-labelledby="ps-library-title">
      <h2 id="ps-library-title">Back up, import, delete</h2>
      <div class="ps-library-row">
        <span class="ps-library-label">Export all {plural(total, 'paper')}</span>
        <ExportButtons library={library} />
      </div>
      <div class="ps-library-row">
        <ImportPanel />
      </div>
      <div class="ps-library-row">
        <WipeLibrary total={total} onWiped={onWiped} />
        <span class="ps-muted">Export a JSON backup first: it restores everything, tags and notes included.</span>
      </div>
      <div class="ps-library-row">
        <ForgetSeen />
      </div>
      <StorageStatus />
    </section>
    </>
  );
}
