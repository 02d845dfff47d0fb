/**
 * Pagination, sorting and filtering of list routes ({@link dev.stratus.platform.paging.ListQuery}), and their OpenAPI
 * documentation. These classes depend only on JPA, MicroProfile OpenAPI and platform's problems: network-service and
 * image-service hold the same copy, to be moved to platform once (then api-service's ServerQuery can use it too).
 */
package dev.stratus.platform.paging;
