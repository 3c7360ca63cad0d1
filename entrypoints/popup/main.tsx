/** Toolbar popup entrypoint: only mounts the component (lib/ui/popup/Popup.tsx). */
import { render } from 'preact';
import { Popup } from '../../lib/ui/popup/Popup';
import './style.css';

render(<Popup />, document.getElementById('app')!);
