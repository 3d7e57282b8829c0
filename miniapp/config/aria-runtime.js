// Runtime half of aria-plugin.ts: the mini-program runtime must know the added attribute names.
import { mergeInternalComponents } from '@tarojs/shared';
import ARIA_ATTRIBUTES from './aria-attributes.js';

mergeInternalComponents(ARIA_ATTRIBUTES);
