/** Options page entrypoint: only mounts the component (lib/ui/options/Options.tsx). */
import { render } from 'preact';
import { Options } from '../../lib/ui/options/Options';
import './style.css';

render(<Options />, document.getElementById('app')!);
