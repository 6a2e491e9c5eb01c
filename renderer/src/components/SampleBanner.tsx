/**
 * The banner over every view while the app shows the generated sample portfolio, with the two ways
 * to see one's own: add an exchange key (Keys & Activity) or a manual holding (Dashboard).
 */
import { useNavigation } from '../lib/navigation';

export function SampleBanner() {
  const { navigate } = useNavigation();
  return (
    <div className="banner sample" role="status" data-testid="sample-banner">
      <strong>Sample data.</strong> You are looking at a generated demo portfolio. To see your own,{' '}
      <button type="button" className="link" onClick={() => navigate('keys', { section: 'add-account' })}>
        add a read-only exchange key
      </button>{' '}
      or{' '}
      <button type="button" className="link" onClick={() => navigate('dashboard', { section: 'manual-holdings' })}>
        add a manual holding
      </button>
      .
    </div>
  );
}
